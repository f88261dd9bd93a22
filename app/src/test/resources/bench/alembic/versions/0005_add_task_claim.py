"""0005-add-task-claim: which worker holds a task, since when, and why the last attempt failed."""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade():
    op.add_column("task", sa.Column("claimed_by", sa.String(128)))
    op.add_column("task", sa.Column("claimed_at", sa.DateTime))
    op.add_column("task", sa.Column("last_error", sa.Text))
    op.add_column("task", sa.Column("cancel_requested", sa.Boolean(create_constraint=False),
                                    server_default=sa.text("0"), nullable=False))
