package io.cloudunit.tenant.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** A validated change of an app's vars: a whole new set (PUT), or vars to set and to unset (PATCH). */
public record ConfigEdit(boolean replacesAll, Map<String, String> set, Set<String> unset) {

    public static ConfigEdit replaceAll(Map<String, String> vars) {
        return new ConfigEdit(true, Map.copyOf(vars), Set.of());
    }

    public static ConfigEdit patch(Map<String, String> set, Set<String> unset) {
        return new ConfigEdit(false, Map.copyOf(set), Set.copyOf(unset));
    }

    /** The vars after this edit, sorted by name. */
    public Map<String, String> applyTo(Map<String, String> current) {
        Map<String, String> result = replacesAll ? new TreeMap<>() : new TreeMap<>(current);
        result.keySet().removeAll(unset);
        result.putAll(set);
        return result;
    }

    /** Names set, changed or unset between {@code before} and {@code after}, sorted. */
    public static List<String> changedNames(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        return names.stream().filter(name -> !Objects.equals(before.get(name), after.get(name))).toList();
    }
}
