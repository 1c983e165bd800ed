package io.cloudunit.build.build;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a build's output, numbered from 1 within its build. */
@Entity
@Table(name = "build_log")
public class BuildLogLine {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "build_id")
    private UUID buildId;
    private int seq;
    private String line;
    @Column(name = "logged_at")
    private Instant loggedAt;

    protected BuildLogLine() {
    }

    public BuildLogLine(UUID buildId, int seq, String line, Instant loggedAt) {
        this.buildId = buildId;
        this.seq = seq;
        this.line = line;
        this.loggedAt = loggedAt;
    }

    public int seq() {
        return seq;
    }

    public String line() {
        return line;
    }
}
