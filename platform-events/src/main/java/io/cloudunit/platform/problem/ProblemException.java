package io.cloudunit.platform.problem;

/** A domain failure that the edge answers as problem+json with this status and detail. */
public class ProblemException extends RuntimeException {
    private final int status;

    public ProblemException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public Problem problem() {
        return Problem.of(status, getMessage());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, detail);
    }

    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, detail);
    }
}
