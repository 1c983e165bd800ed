package io.cloudunit.build.build;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class BuildLogRepository implements PanacheRepositoryBase<BuildLogLine, Long> {

    public Uni<List<String>> lines(UUID buildId) {
        return find("buildId", Sort.by("seq"), buildId).list()
                .map(lines -> lines.stream().map(BuildLogLine::line).toList());
    }

    /** The lines after {@code seq}, in order, at most {@code limit}. */
    public Uni<List<BuildLogLine>> after(UUID buildId, int seq, int limit) {
        return find("buildId = ?1 and seq > ?2", Sort.by("seq"), buildId, seq).page(0, limit).list();
    }
}
