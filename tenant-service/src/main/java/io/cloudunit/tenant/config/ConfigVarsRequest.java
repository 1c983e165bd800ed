package io.cloudunit.tenant.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.platform.problem.ProblemException;

/**
 * Body of {@code PUT} and {@code PATCH …/config}: {@code {"vars": {"NAME": "value", …}}}. Values are read
 * as JSON nodes so that a number or an object is named in the 422 with the other bad entries.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfigVarsRequest(Map<String, JsonNode> vars) {
    static final Pattern NAME = Pattern.compile("^[A-Z_][A-Z0-9_]{0,127}$");
    static final String RESERVED_PREFIX = "CLOUDUNIT_";
    static final int MAX_VALUE_BYTES = 32 * 1024;
    private static final int MAX_NAME_IN_DETAIL = 64;

    /** PUT: the complete new set of vars; 422 naming every bad entry. */
    public ConfigEdit replacement() {
        return validated(false);
    }

    /** PATCH: string values set their var, {@code null} unsets it; 422 naming every bad entry. */
    public ConfigEdit patch() {
        return validated(true);
    }

    private ConfigEdit validated(boolean patch) {
        if (vars == null) {
            throw ProblemException.unprocessable("vars is required: {\"vars\": {\"NAME\": \"value\"}}");
        }
        List<String> errors = new ArrayList<>();
        Map<String, String> set = new TreeMap<>();
        Set<String> unset = new TreeSet<>();
        vars.forEach((name, value) -> {
            nameError(name).ifPresent(errors::add);
            if (value == null || value.isNull()) {
                if (patch) {
                    unset.add(name);
                } else {
                    errors.add("value of " + shown(name) + " is null: PUT needs a string for every var "
                            + "(leave a var out to remove it, or PATCH it with null)");
                }
            } else if (!value.isTextual()) {
                errors.add("value of " + shown(name) + " is a JSON " + value.getNodeType().name().toLowerCase()
                        + ": values are strings (quote it)");
            } else {
                int bytes = value.textValue().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_VALUE_BYTES) {
                    errors.add("value of " + shown(name) + " has " + bytes + " bytes: use at most " + MAX_VALUE_BYTES
                            + " (32 KiB)");
                } else {
                    set.put(name, value.textValue());
                }
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable("nothing was changed: " + String.join("; ", errors));
        }
        return patch ? ConfigEdit.patch(set, unset) : ConfigEdit.replaceAll(set);
    }

    private static Optional<String> nameError(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.of("name " + shown(name) + " is not valid: use A-Z, 0-9 and _, not starting with a "
                    + "digit, at most 128 characters");
        }
        if (name.startsWith(RESERVED_PREFIX)) {
            return Optional.of("name " + shown(name) + " is reserved: names starting with " + RESERVED_PREFIX
                    + " belong to the platform, choose another");
        }
        return Optional.empty();
    }

    // A name is echoed back to help the caller find it, but never at any length.
    private static String shown(String name) {
        return "'" + (name.length() > MAX_NAME_IN_DETAIL ? name.substring(0, MAX_NAME_IN_DETAIL) + "…" : name) + "'";
    }
}
