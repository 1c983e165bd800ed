package io.cloudunit.build.stack;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.cloudunit.platform.problem.ProblemException;

/** Every image a Dockerfile could build from is found, however it is written, so none escapes the check. */
class DockerfileImagesTest {

    @Test
    void fromAndCopyFromButNotStagesOrScratch() {
        assertThat(DockerfileImages.of("""
                # syntax=docker/dockerfile:1
                FROM --platform=linux/amd64 cloudunit/jre:17 AS Build
                COPY --from=cloudunit/acme/web:b3 /app /app
                from build as final
                COPY --from=build /x /y
                COPY --from=0 /x /z
                FROM scratch
                """), contains("cloudunit/jre:17", "cloudunit/acme/web:b3"));
    }

    @Test
    void continuationsCommentsAndOnbuild() {
        assertThat(DockerfileImages.of("""
                FROM \\
                  # a comment inside the continuation
                  cloudunit/static:1
                ONBUILD COPY --from=cloudunit/other/app:b1 / /
                """), contains("cloudunit/static:1", "cloudunit/other/app:b1"));
    }

    @Test
    void theEscapeDirectiveIsHonoured() {
        // with escape=` a trailing backslash continues nothing: the second line is an instruction of its own
        assertThat(DockerfileImages.of("""
                # escape=`
                FROM cloudunit/static:1
                RUN echo \\
                FROM cloudunit/other/app:b1
                """), contains("cloudunit/static:1", "cloudunit/other/app:b1"));
    }

    @Test
    void variablesAndNoFromAreRefused() {
        ProblemException variable = assertThrows(ProblemException.class,
                () -> DockerfileImages.of("ARG BASE=cloudunit/jre:17\nFROM ${BASE}\n"));
        assertThat(variable.status(), equalTo(422));
        assertThat(variable.getMessage(), equalTo("the Dockerfile names an image with a variable (${BASE}): name the "
                + "image itself, it is checked before the build"));
        assertThat(assertThrows(ProblemException.class, () -> DockerfileImages.of("RUN true\n")).getMessage(),
                equalTo("the Dockerfile has no FROM"));
        assertThat(DockerfileImages.of("FROM scratch\nCOPY a /a\n"), empty());
    }
}
