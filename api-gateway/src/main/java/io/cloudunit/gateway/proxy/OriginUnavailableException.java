package io.cloudunit.gateway.proxy;

/** No connection to the origin could be opened: nothing was sent to it, the call may be retried. */
public class OriginUnavailableException extends RuntimeException {

    public OriginUnavailableException(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
