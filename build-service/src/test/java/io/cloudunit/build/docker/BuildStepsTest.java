package io.cloudunit.build.docker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.jupiter.api.Test;

/** What a build leaves on the engine, read from the legacy builder's output. */
class BuildStepsTest {

    @Test
    void stepContainersAndStepImagesButNotTheFromImage() {
        BuildSteps steps = new BuildSteps();
        for (String line : """
                Step 1/4 : FROM cloudunit/jre:17
                 ---> cbd3d0c85ab7
                Step 2/4 : COPY ticker.jar /ticker.jar
                 ---> d8109226b342
                Step 3/4 : COPY note /note
                 ---> Using cache
                 ---> 5df53e59db59
                Step 4/4 : RUN ["java", "-jar", "/ticker.jar"]
                 ---> Running in 039bfcf5c088
                tick 1
                """.lines().toList()) {
            steps.read(line);
        }
        assertThat(steps.containers(), contains("039bfcf5c088"));
        assertThat("newest first, the FROM image is not the build's", steps.images(),
                contains("5df53e59db59", "d8109226b342"));
    }

    @Test
    void aMultiStageBuildSkipsEachFromImage() {
        BuildSteps steps = new BuildSteps();
        for (String line : """
                Step 1/3 : FROM cloudunit/static:1 AS site
                 ---> 995c52bd93a2
                Step 2/3 : from cloudunit/jre:17
                 ---> cbd3d0c85ab7
                Step 3/3 : COPY --from=site /etc/lighttpd /conf
                 ---> 1234567890ab
                """.lines().toList()) {
            steps.read(line);
        }
        assertThat(steps.containers(), empty());
        assertThat(steps.images(), contains("1234567890ab"));
    }
}
