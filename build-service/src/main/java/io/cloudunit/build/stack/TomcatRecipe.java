package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.build.BuildConfig;
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

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        ContextFiles.dockerfile(context, dockerfile());
        ContextFiles.link(artifact, context.resolve("app.war"));
    }

    String dockerfile() {
        return """
                FROM %s
                COPY app.war /usr/local/tomcat/webapps/ROOT.war
                ENV PORT=8080 JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
                EXPOSE 8080
                USER 10001:10001
                """.formatted(baseImage);
    }
}
