package dev.strata.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test that expects the database at exactly its own release's head (a startup check, a status
 * report). Skipped when the template is built from other changelogs ({@link TemplateChangelog}): in the
 * deploy window the database is ahead of the running release by design.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(AtReleaseHead.OwnChangelogsOnly.class)
public @interface AtReleaseHead {
    final class OwnChangelogsOnly implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return TemplateChangelog.overridden()
                    ? ConditionEvaluationResult.disabled("expects this release's own head; -D" + TemplateChangelog.PROPERTY
                            + " builds the database from other changelogs")
                    : ConditionEvaluationResult.enabled("database built from this release's changelogs");
        }
    }
}
