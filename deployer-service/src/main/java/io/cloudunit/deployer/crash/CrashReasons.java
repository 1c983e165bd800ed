package io.cloudunit.deployer.crash;

import java.time.Duration;
import java.util.List;

/** What a crashed app's owners read: how it exited, how often, what to do, and its last log lines. */
final class CrashReasons {
    private CrashReasons() {
    }

    static String of(Exit exit, int memoryMb, long crashes, Duration window, List<String> lastLines) {
        String how = exit.oomKilled()
                ? "was killed by the kernel's OOM killer (exit code " + exit.exitCode() + "): it needed more than its "
                        + memoryMb + " MB; raise memoryMb (PATCH …/apps/" + exit.app() + " {\"memoryMb\": "
                        + Math.min(8192, memoryMb * 2) + "}) or make it use less"
                : "exited with code " + exit.exitCode();
        return "instance " + exit.instance() + " of v" + exit.version() + " " + how + "; the app crashed " + crashes
                + " times within " + minutes(window) + ", so the platform stopped relaunching it: fix it and deploy, "
                + "or try again with POST …/apps/" + exit.app() + "/actions/restart"
                + (lastLines.isEmpty() ? "; it wrote no log" : "; last log lines:\n" + String.join("\n", lastLines));
    }

    private static String minutes(Duration window) {
        return window.toSeconds() % 60 == 0 ? window.toMinutes() + " min" : window.toSeconds() + " s";
    }
}
