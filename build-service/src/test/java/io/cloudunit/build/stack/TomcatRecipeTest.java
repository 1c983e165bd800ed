package io.cloudunit.build.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.cloudunit.build.app.AppView;
import io.cloudunit.build.archive.ArchiveLimits;
import io.cloudunit.build.archive.SafeArchives;
import io.cloudunit.build.support.StackInputs;
import io.cloudunit.platform.problem.ProblemException;

/** Tomcat 10.1 runs on Java 17: a WAR whose own classes need more is refused at upload, not at its first request. */
class TomcatRecipeTest {
    final TomcatRecipe recipe = new TomcatRecipe("cloudunit/tomcat:10.1-jre17",
            new SafeArchives(new ArchiveLimits(20000, 1024L * 1024 * 1024, 100, 50)));
    final AppView app = new AppView("shop", "tomcat", 512, 0.5, 1, null);

    @TempDir
    Path dir;

    @Test
    void aWarCompiledForJava17RunsOnJava17() throws IOException {
        assertThat(recipe.check(write(StackInputs.warWithClassCompiledFor(61)), "acme", app), equalTo(17));
        assertThat(recipe.check(write(StackInputs.war()), "acme", app), equalTo(17));
    }

    @Test
    void aWarWithAClassCompiledForJava21IsRefusedNamingTheClass() throws IOException {
        Path war = write(StackInputs.warWithClassCompiledFor(65));
        ProblemException refused = assertThrows(ProblemException.class, () -> recipe.check(war, "acme", app));
        assertThat(refused.status(), equalTo(422));
        assertThat(refused.getMessage(), equalTo("the WAR's WEB-INF/classes/hello/Hello.class is compiled for Java 21 "
                + "(class file version 65) and stack tomcat runs Tomcat 10.1 on Java 17: compile it with --release 17, "
                + "or run it on Java 25 as a stack java app with an embedded server"));
    }

    @Test
    void theHeapRuleIsTheJavaStacks() {
        assertThat(recipe.dockerfile().contains("JAVA_TOOL_OPTIONS=\"" + JavaRecipe.HEAP_OPTIONS + "\""),
                equalTo(true));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(dir.resolve("upload.war"), bytes);
    }
}
