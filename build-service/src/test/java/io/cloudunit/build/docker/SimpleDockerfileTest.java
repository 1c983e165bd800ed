package io.cloudunit.build.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which Dockerfiles are assembled in one layer, and which are left to {@code docker build}. */
class SimpleDockerfileTest {

    @Test
    void theJavaRecipesDockerfileIsReadWhole() {
        SimpleDockerfile parsed = SimpleDockerfile.parse("""
                # written by the java recipe
                FROM cloudunit/jre:17
                COPY app.jar /app/app.jar
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Xss512k"
                EXPOSE 8080/tcp
                USER 10001:10001
                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                LABEL io.cloudunit.app="web" io.cloudunit.managed="true"
                """).orElseThrow();
        assertEquals("cloudunit/jre:17", parsed.from());
        assertEquals(List.of(new SimpleDockerfile.Copy("app.jar", "/app/app.jar")), parsed.copies());
        assertEquals(Map.of("PORT", "8080", "JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=75 -Xss512k"), parsed.env());
        assertEquals(Map.of("io.cloudunit.app", "web", "io.cloudunit.managed", "true"), parsed.labels());
        assertEquals(List.of(8080), parsed.exposedPorts());
        assertEquals("10001:10001", parsed.user());
        assertEquals(List.of("java", "-jar", "/app/app.jar"), parsed.entrypoint());
        assertEquals(null, parsed.cmd());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "FROM a\nRUN echo hi",
            "FROM a\nWORKDIR /srv",
            "FROM a\nARG X=1",
            "FROM a AS build\nFROM b\nCOPY x /x",
            "FROM a\nFROM b",
            "FROM --platform=linux/amd64 a",
            "# escape=`\nFROM a",
            "# syntax=docker/dockerfile:1\nFROM a",
            "FROM a\nENV A=$HOME",
            "FROM a\nENV A=1 \\\n  B=2",
            "FROM a\nENV A 1",
            "FROM a\nENV A='1'",
            "FROM a\nCOPY --chown=1:1 x /x",
            "FROM a\nCOPY x y /z/",
            "FROM a\nCOPY *.jar /app/",
            "FROM a\nCOPY ../secret /x",
            "FROM a\nCOPY /etc/passwd /x",
            "FROM a\nCOPY x relative/path",
            "FROM a\nADD x /x",
            "FROM a\nCMD java -jar x.jar",
            "FROM a\nEXPOSE 53/udp",
            "FROM a\nVOLUME /data",
            "FROM a\nHEALTHCHECK NONE",
            "FROM a\nONBUILD RUN x",
            "COPY x /x",
            "" })
    void anythingElseIsLeftToDockerBuild(String dockerfile) {
        assertTrue(SimpleDockerfile.parse(dockerfile).isEmpty(), dockerfile);
    }
}
