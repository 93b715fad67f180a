package clinic.bfrguard.session.api;

import clinic.bfrguard.common.concurrent.WriteLimit;
import clinic.bfrguard.common.ratelimit.SafetyWrite;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs each {@link LimitedWrite} under the instance's one {@link WriteLimit}. It wraps the resource method, so a
 * request waits for its turn before it opens a transaction or takes a database connection. A {@link SafetyWrite}
 * runs at once even where the limit is bound to its whole class: it is never one of the writes shed for load.
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
        if (invocation.getMethod().isAnnotationPresent(SafetyWrite.class)) {
            return invocation.proceed();
        }
        return limit.call(invocation::proceed);
    }
}
