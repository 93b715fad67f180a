package clinic.bfrguard.session.api;

import clinic.bfrguard.common.concurrent.WriteLimit;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs each {@link LimitedWrite} under the instance's one {@link WriteLimit}. It wraps the resource method, so a
 * request waits for its turn before it opens a transaction or takes a database connection.
 */
@LimitedWrite
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class LimitedWriteInterceptor {

    private final WriteLimit limit;

    public LimitedWriteInterceptor(WriteLimit limit) {
        this.limit = limit;
    }

    @AroundInvoke
    Object limited(InvocationContext invocation) throws Exception {
        return limit.call(invocation::proceed);
    }
}
