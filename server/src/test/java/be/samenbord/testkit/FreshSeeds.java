package be.samenbord.testkit;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

import java.security.SecureRandom;

/**
 * jqwik properties run with their fixed {@code seed} in {@code mvn verify}; with {@code -Dseeds=random}
 * (or {@code SEEDS=random}) this hook gives each a fresh seed and prints it ({@link Seeds}).
 */
public final class FreshSeeds implements AroundPropertyHook {

    /** Registered on a test class, it reaches every property in it. */
    @Override
    public net.jqwik.api.lifecycle.PropagationMode propagateTo() {
        return net.jqwik.api.lifecycle.PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        if (Seeds.fresh(null)) {
            String seed = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE);
            context.attributes().setSeed(seed);
            System.out.println(context.label() + " fresh seed: " + seed);
        }
        return property.execute();
    }
}
