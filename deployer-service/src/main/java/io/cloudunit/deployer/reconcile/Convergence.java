package io.cloudunit.deployer.reconcile;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.cloudunit.deployer.docker.ContainerInfo;
import io.cloudunit.deployer.instance.InstanceService;
import io.cloudunit.deployer.runtime.Labels;

/**
 * The repairs that bring one app's actual state (containers, instance rows) to its desired state. Pure: the
 * {@link Reconciler} performs them.
 *
 * @param retire instance rows that no longer serve: deleted with an instance.stopped event
 * @param remove labelled containers nobody wants (deleted app, stale release, replica beyond the count)
 * @param launch replica numbers of the serving release to create and/or start; none while the engine restarts a
 *               crashed one by itself (its restart policy), and none of a crashed app (ADR 0025)
 * @param adopt  running containers of the serving release not (or no longer) known healthy: health-check them
 * @param replace replica numbers among {@code adopt} whose instance has failed its liveness checks for too long:
 *               replaced by a new container if it still does not answer (ADR 0029, amended)
 */
public record Convergence(List<InstanceService.Stopped> retire, List<String> remove, List<Integer> launch,
        List<String> adopt, List<Integer> replace) {

    /** The same repairs, without starting anything (a crashed app's relaunch waits for its back-off). */
    public Convergence withoutLaunches() {
        return new Convergence(retire, remove, List.of(), adopt, List.of());
    }

    /** Nothing to change, only running instances to health-check. */
    public boolean checksOnly() {
        return retire.isEmpty() && remove.isEmpty() && launch.isEmpty() && !adopt.isEmpty();
    }

    public boolean isEmpty() {
        return retire.isEmpty() && remove.isEmpty() && launch.isEmpty() && adopt.isEmpty();
    }

    public static Convergence plan(AppDesired desired, List<ContainerInfo> containers, List<InstanceRow> rows) {
        return plan(desired, containers, rows, null);
    }

    /** {@code unhealthyBefore}: instances unhealthy since before it are replaced; null: none is. */
    public static Convergence plan(AppDesired desired, List<ContainerInfo> containers, List<InstanceRow> rows,
            OffsetDateTime unhealthyBefore) {
        Map<String, ContainerInfo> byName = containers.stream()
                .collect(Collectors.toMap(ContainerInfo::name, Function.identity(), (a, b) -> a));
        Map<String, InstanceRow> rowByName = rows.stream()
                .collect(Collectors.toMap(InstanceRow::name, Function.identity(), (a, b) -> a));
        Set<String> wanted = desired.target() == null ? Set.of() : Set.copyOf(desired.target().instanceNames());

        List<String> remove = containers.stream()
                .filter(c -> !wanted.contains(c.name()))
                .filter(c -> !desired.rollingVersions().contains(Labels.releaseOf(c.labels())))
                .map(ContainerInfo::name)
                .sorted().toList();
        List<InstanceService.Stopped> retire = rows.stream()
                .filter(r -> !wanted.contains(r.name()) || !running(byName.get(r.name())))
                .map(r -> new InstanceService.Stopped(r.name(), r.version()))
                .toList();
        if (desired.target() == null || desired.crashed()) {
            return new Convergence(retire, remove, List.of(), List.of(), List.of());
        }
        List<Integer> launch = IntStream.rangeClosed(1, desired.target().replicas())
                .filter(n -> !running(byName.get(desired.target().instanceName(n))))
                .filter(n -> !restarting(byName.get(desired.target().instanceName(n))))
                .boxed().toList();
        List<String> adopt = desired.target().instanceNames().stream()
                .filter(name -> running(byName.get(name)))
                .filter(name -> rowByName.get(name) == null || !rowByName.get(name).healthy())
                .toList();
        List<Integer> replace = IntStream.rangeClosed(1, desired.target().replicas())
                .filter(n -> adopt.contains(desired.target().instanceName(n)))
                .filter(n -> unhealthyBefore(rowByName.get(desired.target().instanceName(n)), unhealthyBefore))
                .boxed().toList();
        return new Convergence(retire, remove, launch, adopt, replace);
    }

    private static boolean restarting(ContainerInfo container) {
        return container != null && container.restarting();
    }

    private static boolean running(ContainerInfo container) {
        return container != null && container.running();
    }

    private static boolean unhealthyBefore(InstanceRow row, OffsetDateTime cutoff) {
        return cutoff != null && row != null && row.unhealthySince() != null && row.unhealthySince().isBefore(cutoff);
    }
}
