package io.cloudunit.tenant.suspension;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.cloudunit.platform.problem.ProblemException;

/** Body of {@code PUT /tenants/{t}/suspension}: why, as the tenant's members will read it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SuspensionRequest(String reason) {
    static final int MAX_REASON = 500;

    /** The reason, trimmed; 422 when missing, blank or too long. */
    public String validReason() {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.unprocessable("reason is required: {\"reason\": \"unpaid invoice 2026-11\"}; "
                    + "the tenant's members read it");
        }
        String trimmed = reason.strip();
        if (trimmed.length() > MAX_REASON) {
            throw ProblemException.unprocessable("reason is " + trimmed.length() + " characters long: use at most "
                    + MAX_REASON);
        }
        return trimmed;
    }
}
