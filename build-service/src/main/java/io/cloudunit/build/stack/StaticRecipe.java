package io.cloudunit.build.stack;

import java.io.IOException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cloudunit.build.BuildConfig;
import io.cloudunit.build.archive.ArchiveFormat;
import io.cloudunit.build.archive.ArchiveListing;
import io.cloudunit.build.archive.SafeArchives;
import io.cloudunit.platform.problem.ProblemException;

/**
 * Stack {@code static}: a zip of a site, served by the static base image. {@code index.html} is at the zip's root,
 * or everything is in one top-level folder holding it (what zipping a {@code dist/} folder gives); that folder's
 * content is then the site.
 */
@ApplicationScoped
public class StaticRecipe implements Recipe {
    static final String WHAT = "a site (a zip with index.html)";
    static final String INDEX = "index.html";

    private final String baseImage;
    private final SafeArchives archives;

    @Inject
    public StaticRecipe(BuildConfig config, SafeArchives archives) {
        this(config.baseImages().staticSite(), archives);
    }

    StaticRecipe(String baseImage, SafeArchives archives) {
        this.baseImage = baseImage;
        this.archives = archives;
    }

    @Override
    public String stack() {
        return "static";
    }

    @Override
    public void check(Path artifact, String tenant) {
        siteFolder(archives.inspect(artifact, ArchiveFormat.ZIP, WHAT));
    }

    @Override
    public void prepare(Path artifact, Path context, String tenant) throws IOException {
        String folder = siteFolder(archives.inspect(artifact, ArchiveFormat.ZIP, WHAT));
        archives.extract(artifact, ArchiveFormat.ZIP, WHAT, context.resolve("site"), folder);
        ContextFiles.dockerfile(context, dockerfile());
    }

    /** "" when the site is at the root of the zip, else its single top-level folder. */
    static String siteFolder(ArchiveListing listing) {
        if (listing.hasFile(INDEX)) {
            return "";
        }
        return listing.singleTopFolder().filter(top -> listing.hasFile(top + "/" + INDEX))
                .orElseThrow(() -> ProblemException.unprocessable("the site has no index.html at the root of the zip "
                        + "(nor in a single top-level folder): zip the folder that holds index.html, e.g. "
                        + "cd dist && zip -r ../site.zip ."));
    }

    String dockerfile() {
        return """
                FROM %s
                COPY site/ /usr/share/nginx/html/
                ENV PORT=8080
                EXPOSE 8080
                USER 10001:10001
                """.formatted(baseImage);
    }
}
