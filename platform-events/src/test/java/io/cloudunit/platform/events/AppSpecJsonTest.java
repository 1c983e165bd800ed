package io.cloudunit.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Java version joined the app spec later: events written before it, and code building 5-field specs, go on. */
class AppSpecJsonTest {

    @Test
    void aSpecWithItsJavaVersionSurvivesJson() {
        var created = new AppEvent.Created("acme", "hello", new AppEvent.Spec("java", 512, 0.5, 1, "/", 25));
        assertEquals(created, EventJson.read(EventJson.write(created), AppEvent.Created.class));
    }

    @Test
    void anEventWrittenBeforeTheJavaVersionReadsAsAutomatic() {
        String before = """
                {"tenant":"acme","app":"hello","spec":{"stack":"java","memoryMb":512,"cpus":0.5,"replicas":1,\
                "healthPath":"/"}}""";
        AppEvent.Created read = EventJson.read(before, AppEvent.Created.class);
        assertNull(read.spec().javaVersion());
        assertEquals(new AppEvent.Spec("java", 512, 0.5, 1, "/"), read.spec());
    }

    @Test
    void theRollbackChoiceSurvivesJsonAndIsNoWhenAbsent() {
        var updated = new AppEvent.Updated("acme", "hello", new AppEvent.Spec("java", 512, 0.5, 1, "/", null, true));
        AppEvent.Updated read = EventJson.read(EventJson.write(updated), AppEvent.Updated.class);
        assertEquals(updated, read);
        assertTrue(read.spec().rollsBackAutomatically());
        String before = """
                {"tenant":"acme","app":"hello","spec":{"stack":"java","memoryMb":512,"cpus":0.5,"replicas":1,\
                "healthPath":"/","javaVersion":17}}""";
        AppEvent.Created old = EventJson.read(before, AppEvent.Created.class);
        assertNull(old.spec().autoRollback());
        assertFalse(old.spec().rollsBackAutomatically());
    }
}
