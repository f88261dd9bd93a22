-- The schema the changelogs produce, as SQLite stores it (normalised).
-- Generated; never edit. Refresh with: mvn -q -pl schema compile -Dstrata.refresh

CREATE TABLE artifact (id INTEGER CONSTRAINT PK_ARTIFACT PRIMARY KEY AUTOINCREMENT NOT NULL, task_id INTEGER NOT NULL, name VARCHAR(128) NOT NULL, media_type VARCHAR(128) DEFAULT 'text/plain' NOT NULL, content TEXT NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, CONSTRAINT fk_artifact_task FOREIGN KEY (task_id) REFERENCES task(id) ON DELETE CASCADE);

CREATE TABLE task (id INTEGER CONSTRAINT PK_TASK PRIMARY KEY AUTOINCREMENT NOT NULL, kind VARCHAR(64) NOT NULL, input TEXT NOT NULL, idempotency_key VARCHAR(128), status VARCHAR(16) DEFAULT 'queued' NOT NULL, attempts INTEGER DEFAULT 0 NOT NULL, max_attempts INTEGER DEFAULT 3 NOT NULL, created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, updated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, claimed_by VARCHAR(128), claimed_at DATETIME, last_error TEXT, cancel_requested BOOLEAN DEFAULT 0 NOT NULL, priority INTEGER DEFAULT 0 NOT NULL, CONSTRAINT uq_task_idempotency_key UNIQUE (idempotency_key));

CREATE UNIQUE INDEX uq_artifact_task_name ON artifact(task_id, name);

CREATE INDEX ix_task_status_id ON task(status, id);

CREATE VIEW task_summary AS SELECT kind, status, COUNT(*) AS task_count FROM task GROUP BY kind, status;
