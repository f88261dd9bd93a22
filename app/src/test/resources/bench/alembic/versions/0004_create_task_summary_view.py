"""0004-create-task-summary-view: counts per kind and status."""
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade():
    op.execute("CREATE VIEW task_summary AS SELECT kind, status, COUNT(*) AS task_count FROM task GROUP BY kind, status")
