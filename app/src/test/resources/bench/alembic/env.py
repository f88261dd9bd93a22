"""Alembic environment for the benchmark: the SQLite file comes from -x db=FILE."""
from alembic import context
from sqlalchemy import create_engine

url = "sqlite:///" + context.get_x_argument(as_dictionary=True)["db"]
with create_engine(url).connect() as connection:
    context.configure(connection=connection, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()
