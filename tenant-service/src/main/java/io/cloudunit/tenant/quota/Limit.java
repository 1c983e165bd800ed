package io.cloudunit.tenant.quota;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import io.cloudunit.platform.events.QuotaEvent;
import io.cloudunit.platform.problem.ProblemException;

/** One limit of a plan, by the name the API, the events and the refusals use. */
public enum Limit {
    MAX_APPS("maxApps", QuotaEvent.Limits::maxApps),
    MAX_INSTANCES("maxInstances", QuotaEvent.Limits::maxInstances),
    TOTAL_MEMORY_MB("totalMemoryMb", QuotaEvent.Limits::totalMemoryMb),
    MAX_CONCURRENT_BUILDS("maxConcurrentBuilds", QuotaEvent.Limits::maxConcurrentBuilds),
    MAX_ARTIFACT_MB("maxArtifactMb", QuotaEvent.Limits::maxArtifactMb),
    MAX_CONFIG_VARS("maxConfigVars", QuotaEvent.Limits::maxConfigVars);

    private final String label;
    private final ToIntFunction<QuotaEvent.Limits> value;

    Limit(String label, ToIntFunction<QuotaEvent.Limits> value) {
        this.label = label;
        this.value = value;
    }

    public String label() {
        return label;
    }

    public int of(QuotaEvent.Limits limits) {
        return value.applyAsInt(limits);
    }

    public static Optional<Limit> of(String label) {
        return Arrays.stream(values()).filter(limit -> limit.label.equals(label)).findFirst();
    }

    public static String labels() {
        return Arrays.stream(values()).map(Limit::label).collect(Collectors.joining(", "));
    }

    /** The limits with every value given; a missing one is a programming error. */
    public static QuotaEvent.Limits limits(Map<Limit, Integer> values) {
        return new QuotaEvent.Limits(values.get(MAX_APPS), values.get(MAX_INSTANCES), values.get(TOTAL_MEMORY_MB),
                values.get(MAX_CONCURRENT_BUILDS), values.get(MAX_ARTIFACT_MB), values.get(MAX_CONFIG_VARS));
    }

    /** {@code base} with the values in {@code overrides} instead of its own. */
    public static QuotaEvent.Limits overridden(QuotaEvent.Limits base, Map<Limit, Integer> overrides) {
        Map<Limit, Integer> values = new EnumMap<>(Limit.class);
        for (Limit limit : values()) {
            values.put(limit, overrides.getOrDefault(limit, limit.of(base)));
        }
        return limits(values);
    }

    /** As JSON: label → value, in the order of this enum. */
    public static Map<String, Integer> labelled(Map<Limit, Integer> values) {
        Map<String, Integer> labelled = new LinkedHashMap<>();
        values.forEach((limit, value) -> labelled.put(limit.label, value));
        return labelled;
    }

    /**
     * The limits named in a request body: unknown names and negative values answer 422 naming every one of
     * them; a null value is left out. With {@code required}, a body that lacks one of the limits is refused too.
     */
    public static Map<Limit, Integer> parse(String what, Map<String, Integer> body, boolean required) {
        Map<Limit, Integer> values = new EnumMap<>(Limit.class);
        List<String> errors = new ArrayList<>();
        Map<String, Integer> given = body == null ? Map.of() : body;
        given.forEach((label, value) -> {
            Optional<Limit> limit = of(label);
            if (limit.isEmpty()) {
                errors.add(what + " '" + label + "' is not a limit: use " + labels());
            } else if (value != null && value < 0) {
                errors.add(what + " " + label + " is " + value + ": a limit is 0 or more");
            } else if (value != null) {
                values.put(limit.get(), value);
            }
        });
        if (required) {
            Arrays.stream(values()).filter(limit -> !values.containsKey(limit))
                    .forEach(limit -> errors.add(what + " " + limit.label + " is required (an integer, 0 or more)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", errors) + ": nothing was changed");
        }
        return values;
    }
}
