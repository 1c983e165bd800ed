package io.cloudunit.build.docker;

/** The labels every image this service builds carries: whose it is (ADR 17). */
public final class ImageLabels {
    public static final String MANAGED = "io.cloudunit.managed";
    public static final String TENANT = "io.cloudunit.tenant";
    public static final String APP = "io.cloudunit.app";
    public static final String BUILD = "io.cloudunit.build";

    private ImageLabels() {
    }
}
