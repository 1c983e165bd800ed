package io.cloudunit.build.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Uploads for the stacks other than java, made on the spot. */
public final class StackInputs {
    public static final String JSP_GREETING = "hello from a cloudunit war";
    public static final String SITE_GREETING = "hello from a cloudunit site";
    public static final String CONTEXT_GREETING = "hello from a cloudunit dockerfile";
    static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <welcome-file-list><welcome-file>index.jsp</welcome-file></welcome-file-list>
            </web-app>
            """;

    private StackInputs() {
    }

    /** A WAR whose JSP computes its answer: a 200 with the greeting proves Tomcat compiled and ran it. */
    public static byte[] war() {
        return zip(Map.of("WEB-INF/web.xml", WEB_XML,
                "index.jsp", "<%@ page contentType=\"text/plain\" %><%= \"hello from a \" + \"cloudunit war\" %>"));
    }

    /** The WAR with a class of its own in WEB-INF/classes, compiled for class file version {@code classMajor}. */
    public static byte[] warWithClassCompiledFor(int classMajor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("WEB-INF/web.xml"));
            zip.write(WEB_XML.getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("WEB-INF/classes/hello/Hello.class"));
            zip.write(Jars.helloClassCompiledFor(classMajor));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] warWithoutWebInf() {
        return zip(Map.of("index.jsp", "<%= 1 + 1 %>"));
    }

    /** A site zipped from its folder's parent: everything in one top-level folder, {@code dist/}. */
    public static byte[] site() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("dist/index.html", "<h1>" + SITE_GREETING + "</h1>");
        files.put("dist/css/site.css", "h1 { color: teal; }");
        return zip(files);
    }

    public static byte[] siteWithoutIndex() {
        return zip(Map.of("home.html", "<h1>no index</h1>", "css/site.css", "h1 {}"));
    }

    /** A context whose Dockerfile builds on the static base image. */
    public static byte[] context(String baseImage) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("Dockerfile", "FROM " + baseImage + "\nCOPY site/ /usr/share/nginx/html/\n");
        files.put("site/index.html", CONTEXT_GREETING);
        return tar(files);
    }

    /**
     * A Dockerfile context whose {@code RUN} step prints {@code tick 1} … {@code tick <count>}, one line every
     * {@code everyMs} (forever when {@code count} is negative): a build that takes as long as a test needs. The base
     * images have no shell, so the step is a JAR run by the JRE base in exec form.
     */
    public static byte[] tickingContext(int count, long everyMs) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Dockerfile", ("FROM cloudunit/jre:17\nCOPY ticker.jar /ticker.jar\n"
                + "RUN [\"java\", \"-Xmx32m\", \"-jar\", \"/ticker.jar\", \"" + count + "\", \"" + everyMs + "\"]\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put("ticker.jar", Jars.ticker(java.util.UUID.randomUUID().toString()));
        return tarBytes(files);
    }

    public static byte[] contextWithoutDockerfile() {
        return tar(Map.of("site/index.html", CONTEXT_GREETING, "README", "no Dockerfile here"));
    }

    public static byte[] imageBody(String reference) {
        return ("{\"image\": \"" + reference + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] tar(Map<String, String> files) {
        Map<String, byte[]> binary = new LinkedHashMap<>();
        files.forEach((name, text) -> binary.put(name, text.getBytes(StandardCharsets.UTF_8)));
        return tarBytes(binary);
    }

    public static byte[] tarBytes(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                byte[] content = file.getValue();
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** A tar whose one entry is a symbolic link out of the context. */
    public static byte[] contextWithSymlink() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] dockerfile = "FROM cloudunit/static:1\nCOPY . /usr/share/nginx/html/\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry file = new TarArchiveEntry("Dockerfile");
            file.setSize(dockerfile.length);
            tar.putArchiveEntry(file);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
            TarArchiveEntry link = new TarArchiveEntry("passwd", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
