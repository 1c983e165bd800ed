package io.cloudunit.deployer.instance;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A container the deployer started and saw healthy; the row exists while the instance serves. */
@Entity
@Table(name = "instance")
public class Instance {
    public static final String RUNNING = "RUNNING";

    @Id
    public String name;
    public String tenant;
    public String app;
    public int version;
    public String address;
    @Column(name = "host_port")
    public Integer hostPort;
    public boolean healthy;
    public String state;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    /** When it last stopped answering its liveness checks; null while healthy. */
    @Column(name = "unhealthy_since")
    public OffsetDateTime unhealthySince;
}
