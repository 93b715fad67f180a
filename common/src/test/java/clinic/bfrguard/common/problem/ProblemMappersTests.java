package clinic.bfrguard.common.problem;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemMappersTests {

    private final ProblemMappers mappers = new ProblemMappers();

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
    void otherRefusalsSayNothingAboutRetrying() {
        Response answer = mappers.problem(ProblemException.conflict("already resolved"), null);

        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getHeaderString("Retry-After")).isNull();
    }
}
