package io.cloudunit.deployer.release;

/**
 * What follows a failed rollout (ADR 0027): nothing because the app does not ask for it ({@link #notAsked()}), a
 * rollback to {@code target} (the release that served), or no rollback although asked, for the reason in
 * {@code refusal}, which the failed deployment's reason then carries.
 */
public record AutomaticRollback(Release target, String refusal) {
    /** The user a release made by the platform names as its actor. */
    public static final String ACTOR = "platform";

    public static AutomaticRollback notAsked() {
        return new AutomaticRollback(null, null);
    }

    public static AutomaticRollback to(Release target) {
        return new AutomaticRollback(target, null);
    }

    public static AutomaticRollback refused(String why) {
        return new AutomaticRollback(null, "not rolled back automatically: " + why);
    }

    public boolean rollsBack() {
        return target != null;
    }

    /** The failure reason shortened to its first clause, for the new release's own reason. */
    static String shortened(String failure) {
        String first = failure.lines().findFirst().orElse("").strip();
        int clause = first.indexOf("; ");
        String cut = clause > 0 ? first.substring(0, clause) : first;
        return cut.length() > 200 ? cut.substring(0, 200) + "…" : cut;
    }
}
