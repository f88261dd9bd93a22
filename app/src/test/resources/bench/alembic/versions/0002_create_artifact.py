"""0002-create-artifact: what a task produced; deleted with its task."""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table(
        "artifact",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True, nullable=False),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("task.id", name="fk_artifact_task", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("media_type", sa.String(128), server_default="text/plain", nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("uq_artifact_task_name", "artifact", ["task_id", "name"], unique=True)
