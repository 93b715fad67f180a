package clinic.bfrguard.common.problem;

import clinic.bfrguard.common.domain.InvalidInput;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTests {

    private final ProblemMappers mappers = new ProblemMappers();

    private Problem refused(InvalidInput e) {
        Response response = mappers.refused(e, null);
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        return (Problem) response.getEntity();
    }

    @Test
    void invalidInputAboutAFieldNamesItLikeABeanValidationError() {
        Problem problem = refused(new InvalidInput("exercise", "must be one of the clinic's exercises"));

        assertThat(problem.title()).isEqualTo("Invalid request");
        assertThat(problem.detail()).isEqualTo("exercise: must be one of the clinic's exercises");
        assertThat(problem.errors()).containsExactly(
                new Problem.FieldError("exercise", "must be one of the clinic's exercises"));
    }

    @Test
    void invalidInputAboutTheWholeRequestHasOnlyItsDetail() {
        Problem problem = refused(new InvalidInput("systolic (80) must be higher than diastolic (90)"));

        assertThat(problem.title()).isEqualTo("Bad request");
        assertThat(problem.detail()).isEqualTo("systolic (80) must be higher than diastolic (90)");
        assertThat(problem.errors()).isNull();
    }

    @Test
    void aRefusalThatSaysWhenToTryAgainIsAnsweredWithRetryAfter() {
        Response answer = mappers.problem(ProblemException.tooManyRequests("at most 5 at once", 10), null);

        assertThat(answer.getStatus()).isEqualTo(429);
        assertThat(answer.getMediaType().toString()).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("10");
        Problem problem = (Problem) answer.getEntity();
        assertThat(problem.title()).isEqualTo("Too many requests");
        assertThat(problem.detail()).isEqualTo("at most 5 at once");
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIsTheClientsMistake() {
        Response answer = mappers.unexpected(new IllegalArgumentException("Failed to parse media type json"), null);

        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(((Problem) answer.getEntity()).detail()).contains("must be media types");
    }

    @Test
    void otherRefusalsSayNothingAboutRetrying() {
        Response answer = mappers.problem(ProblemException.conflict("already resolved"), null);

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getHeaderString("Retry-After")).isNull();
    }
}
