package org.diplomaticledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.diplomaticledger.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every handler interceptor runs once per command. Axon's Spring Boot autoconfiguration registers each
 * {@link MessageHandlerInterceptor} bean on the command bus; a bean that registered itself as well ran twice (the
 * existence rule checked every command's states twice).
 */
class CommandInterceptorsTest extends LedgerIntegrationTest {

    @Autowired
    CommandBus commandBus;

    @Test
    void noHandlerInterceptorIsRegisteredTwice() throws Exception {
        assertThat(commandBus).isInstanceOf(SimpleCommandBus.class);
        Field field = SimpleCommandBus.class.getDeclaredField("handlerInterceptors");
        field.setAccessible(true);
        List<?> interceptors = (List<?>) field.get(commandBus);
        Map<Object, Integer> times = new IdentityHashMap<>();
        interceptors.forEach(interceptor -> times.merge(interceptor, 1, Integer::sum));
        assertThat(times.entrySet())
                .as("interceptors: %s", interceptors)
                .allSatisfy(entry -> assertThat(entry.getValue())
                        .as(entry.getKey().getClass().getName())
                        .isEqualTo(1));
        assertThat(interceptors)
                .extracting(interceptor -> interceptor.getClass().getSimpleName())
                .contains("ExistenceRule", "RevisedInThisWrite");
    }
}
