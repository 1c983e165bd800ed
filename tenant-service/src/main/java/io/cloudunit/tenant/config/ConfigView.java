package io.cloudunit.tenant.config;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * An app's config vars as the API shows them, sorted by name. Developers and owners get the values;
 * for viewers values are write-only: each name maps to {@code null}.
 */
public record ConfigView(Map<String, String> vars) {

    public static ConfigView withValues(Map<String, String> vars) {
        return new ConfigView(new TreeMap<>(vars));
    }

    public static ConfigView namesOnly(Collection<String> names) {
        Map<String, String> vars = new TreeMap<>();
        names.forEach(name -> vars.put(name, null));
        return new ConfigView(vars);
    }
}
