package io.cloudunit.build.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.app.AppView;
import io.cloudunit.build.archive.ArchiveFormat;
import io.cloudunit.build.archive.SafeArchives;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code tomcat}: a WAR deployed as ROOT on Tomcat 10.1 (Jakarta EE). Tomcat unpacks the WAR at start, so
 * the upload goes through the same archive checks as an extracted one (links, traversal, zip bombs).
 */
@ApplicationScoped
public class TomcatRecipe implements Recipe {
    static final String HOW_TO = "build it as a web application archive (Maven packaging war) for Jakarta EE "
            + "(Tomcat 10.1: jakarta.servlet, not javax.servlet)";
    /** The Java of the Tomcat base image (ADR 0020); its class file version, and the offset between the two. */
    static final int JAVA = 17;
    private static final int JAVA_CLASS = 61;
    private static final int CLASS_VERSION_OFFSET = 44;
    private static final String CLASSES = "WEB-INF/classes/";

    private final String baseImage;
    private final SafeArchives archives;

    @Inject
    public TomcatRecipe(BuildConfig config, SafeArchives archives) {
        this(config.baseImages().tomcat(), archives);
    }

    TomcatRecipe(String baseImage, SafeArchives archives) {
        this.baseImage = baseImage;
        this.archives = archives;
    }

    @Override
    public String stack() {
        return "tomcat";
    }

    @Override
    public void check(Path artifact, String tenant) {
        if (!archives.inspect(artifact, ArchiveFormat.ZIP, "a WAR").hasAnythingUnder("WEB-INF")) {
            throw ProblemException.unprocessable("the WAR has no WEB-INF/: " + HOW_TO);
        }
    }

    /** Also refuses a WAR whose own classes need a newer Java than the base's; answers that Java (17). */
    @Override
    public Integer check(Path artifact, String tenant, AppView app) {
        check(artifact, tenant);
        try (ZipFile zip = new ZipFile(artifact.toFile())) {
            var classes = zip.stream().filter(e -> e.getName().startsWith(CLASSES) && e.getName().endsWith(".class"))
                    .toList();
            for (ZipEntry entry : classes) {
                int major = JavaRecipe.classVersion(zip, entry);
                if (major > JAVA_CLASS) {
                    throw ProblemException.unprocessable("the WAR's " + entry.getName() + " is compiled for Java "
                            + (major - CLASS_VERSION_OFFSET) + " (class file version " + major + ") and stack tomcat "
                            + "runs Tomcat 10.1 on Java " + JAVA + ": compile it with --release " + JAVA
                            + ", or run it on Java 25 as a stack java app with an embedded server");
                }
            }
            return JAVA;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read artifact " + artifact, e);
        }
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        ContextFiles.dockerfile(context, dockerfile());
        ContextFiles.link(artifact, context.resolve("app.war"));
    }

    String dockerfile() {
        return """
                FROM %s
                COPY app.war /usr/local/tomcat/webapps/ROOT.war
                ENV PORT=8080 JAVA_TOOL_OPTIONS="%s"
                EXPOSE 8080
                USER 10001:10001
                """.formatted(baseImage, JavaRecipe.HEAP_OPTIONS);
    }
}
