"""0003-index-task-queue: the worker's claim query scans queued tasks oldest first."""
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_index("ix_task_status_id", "task", ["status", "id"])
