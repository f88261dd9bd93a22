"""0006-add-task-priority: the worker claims the highest priority, then the oldest."""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade():
    op.add_column("task", sa.Column("priority", sa.Integer, server_default=sa.text("0"), nullable=False))
