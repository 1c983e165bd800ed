// CloudUnit devstack — waits until the broker answers, then creates the missing topics.
// Run in source-file mode (one JVM for all topics instead of one kafka-topics call each):
//   java -cp 'devstack/target/kafka-libs/*' devstack/kafka/EnsureTopics.java \
//        <bootstrap> <partitions> <deadline-seconds> <topic>...
// Prints "created: a b" / "present: c d"; exit 1 when the broker is not ready in time.

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

public class EnsureTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: EnsureTopics <bootstrap> <partitions> <deadline-seconds> <topic>...");
            System.exit(2);
        }
        String bootstrap = args[0];
        int partitions = Integer.parseInt(args[1]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[2]));
        List<String> wanted = List.of(args).subList(3, args.length);

        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = listUntilReady(admin, deadline);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : wanted) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1));
                }
            }
            Set<String> created = new TreeSet<>();
            admin.createTopics(missing).values().forEach((topic, future) -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                    created.add(topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot create topic " + topic + ": " + e, e);
                }
            });
            Set<String> present = new TreeSet<>(wanted);
            present.removeAll(created);
            System.out.println("created: " + String.join(" ", created));
            System.out.println("present: " + String.join(" ", present));
        }
    }

    private static Set<String> listUntilReady(Admin admin, long deadline) throws InterruptedException {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                return admin.listTopics().names().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                last = e;
                Thread.sleep(Duration.ofMillis(500).toMillis());
            }
        }
        System.err.println("broker not ready: " + last);
        System.exit(1);
        return Set.of();
    }
}
