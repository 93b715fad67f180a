package clinic.bfrguard.e2e.faults;

import clinic.bfrguard.stack.Component;
import clinic.bfrguard.stack.LocalStack;
import clinic.bfrguard.stack.QuarkusApp;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The faults a test causes in the running stack, by component name: a crash, an operator's stop, a start again, a
 * restart with other settings. It remembers what it took down or changed, so that {@link #restoreAll()} brings the
 * stack back to its normal configuration after a test that failed midway.
 */
public final class Faults {

    private final LocalStack stack;
    /** Components taken down and not started again, in the order they went. */
    private final Set<String> down = new LinkedHashSet<>();
    /** Services running with other settings than the stack gave them. */
    private final Map<String, Component> variants = new LinkedHashMap<>();

    public Faults(LocalStack stack) {
        this.stack = stack;
    }

    /** Stops it at once, as a crash would (SIGKILL). */
    public void crash(String name) throws IOException, InterruptedException {
        Component component = component(name);
        Optional<ProcessHandle> process = ProcessHandle.of(component.pid());
        down.add(name);
        if (process.isPresent()) {
            process.get().destroyForcibly();
            try {
                process.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException(name + " did not end after SIGKILL", e);
            }
        }
    }

    /** Stops it as an operator would: gently, then firmly; its data stays. */
    public void stop(String name) {
        Component component = component(name);
        down.add(name);
        component.stop();
    }

    /** Starts again what {@link #crash} or {@link #stop} took down and waits until it answers; how long that took. */
    public Duration start(String name) throws IOException, InterruptedException {
        Component component = component(name);
        component.stop();
        component.start();
        Duration took = component.awaitReady(component.readyTimeout());
        down.remove(name);
        return took;
    }

    /** Stops a service if it still runs and starts it again with the stack's settings; waits until it answers. */
    public Duration restart(String service) throws IOException, InterruptedException {
        Component variant = variants.remove(service);
        if (variant != null) {
            variant.stop();
        }
        return start(service);
    }

    /**
     * Stops a service if it still runs and starts it again with {@code extraEnvironment} on top of its usual
     * environment; waits until it answers. The next {@link #restart(String)} drops the extras.
     */
    public Duration restart(String service, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        component(service).stop();
        Component old = variants.remove(service);
        if (old != null) {
            old.stop();
        }
        QuarkusApp variant = ((QuarkusApp) component(service)).withEnvironment(extraEnvironment);
        down.add(service);
        variants.put(service, variant);
        variant.start();
        return variant.awaitReady(variant.readyTimeout());
    }

    /** Brings back, in the stack's own configuration, every component a test left down or changed. */
    public void restoreAll() throws IOException, InterruptedException {
        for (String name : List.copyOf(variants.keySet())) {
            restart(name);
        }
        for (Component component : stack.components()) {
            if (down.contains(component.name())) {
                start(component.name());
            }
        }
        down.clear();
    }

    /** The stack's own component (not a variant) called {@code name}. */
    private Component component(String name) {
        return stack.component(name);
    }
}
