package io.cloudunit.deployer.docker;

/** The engine refused or failed an operation; the message says which and why. */
public class ContainerRuntimeException extends RuntimeException {
    public ContainerRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
