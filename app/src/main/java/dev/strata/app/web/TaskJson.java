package dev.strata.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.strata.db.tables.records.ArtifactRecord;
import dev.strata.db.tables.records.TaskRecord;
import java.time.LocalDateTime;

/** The API's JSON shapes. */
final class TaskJson {
    private TaskJson() {
    }

    /** POST /tasks body. */
    record Submit(String kind, String input, Integer priority, Integer maxAttempts, String idempotencyKey) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Task(long id, String kind, String status, int priority, int attempts, int maxAttempts, String lastError,
                String idempotencyKey, String claimedBy, LocalDateTime createdAt, LocalDateTime updatedAt,
                String input) {

        static Task of(TaskRecord r, boolean withInput) {
            return new Task(r.getId(), r.getKind(), r.getStatus(), r.getPriority(), r.getAttempts(),
                    r.getMaxAttempts(), r.getLastError(), r.getIdempotencyKey(), r.getClaimedBy(), r.getCreatedAt(),
                    r.getUpdatedAt(), withInput ? r.getInput() : null);
        }
    }

    record Page(java.util.List<Task> tasks, Long next) {
    }

    record Artifact(String name, String mediaType, String content, LocalDateTime createdAt) {
        static Artifact of(ArtifactRecord r) {
            return new Artifact(r.getName(), r.getMediaType(), r.getContent(), r.getCreatedAt());
        }
    }

    record Error(String error, int status) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String schema, String integrity, String error) {
    }
}
