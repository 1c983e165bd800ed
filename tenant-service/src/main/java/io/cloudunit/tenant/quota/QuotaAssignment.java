package io.cloudunit.tenant.quota;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * Body of {@code PUT /tenants/{t}/quota}: the whole assignment, so a field left out goes back to its default —
 * no plan is the default plan, no overrides are the plan's limits. A misspelt field is refused rather than
 * read as "left out", which would silently reset the tenant.
 */
public class QuotaAssignment {
    public String plan;
    public Map<String, Integer> overrides;
    private final List<String> unknown = new ArrayList<>();

    public static QuotaAssignment of(String plan, Map<String, Integer> overrides) {
        QuotaAssignment assignment = new QuotaAssignment();
        assignment.plan = plan;
        assignment.overrides = overrides;
        return assignment;
    }

    @JsonAnySetter
    void unknown(String field, Object value) {
        unknown.add(field);
    }

    List<String> unknownFields() {
        return unknown;
    }
}
