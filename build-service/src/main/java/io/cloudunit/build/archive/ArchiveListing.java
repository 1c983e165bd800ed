package io.cloudunit.build.archive;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The files and directories of an archive that passed every check, as safe relative paths. */
public record ArchiveListing(List<String> files, Set<String> directories) {

    public boolean hasFile(String path) {
        return files.contains(path);
    }

    /** Whether some entry lies under {@code folder/}. */
    public boolean hasAnythingUnder(String folder) {
        String prefix = folder + "/";
        return directories.contains(folder) || files.stream().anyMatch(f -> f.startsWith(prefix));
    }

    /** The one top-level folder everything lies in, if the archive has exactly one and no top-level file. */
    public Optional<String> singleTopFolder() {
        Set<String> tops = new java.util.HashSet<>();
        for (String file : files) {
            int slash = file.indexOf('/');
            if (slash < 0) {
                return Optional.empty();
            }
            tops.add(file.substring(0, slash));
        }
        directories.stream().map(d -> d.contains("/") ? d.substring(0, d.indexOf('/')) : d).forEach(tops::add);
        return tops.size() == 1 ? Optional.of(tops.iterator().next()) : Optional.empty();
    }
}
