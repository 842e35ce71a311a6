package org.diplomaticledger.states;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.states.projection.StateRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Codes as researchers have them, in every JSON the web layer reads (commands, imports): a state code may carry a
 * scheme prefix, {@code cow:AUS} or {@code cow:305} (Correlates of War), {@code gw:…} (Gleditsch–Ward), {@code iso:…},
 * and is stored as the register's code. Without a prefix it is ISO, as before. Events are read by their own mapper,
 * untouched by this.
 */
@Configuration(proxyBeanMethods = false)
class StateCodesModule {

    @Bean
    SimpleModule stateCodes(StateRegistry registry) {
        SimpleModule module = new SimpleModule("state-codes");
        module.addDeserializer(CountryCode.class, new StdScalarDeserializer<>(CountryCode.class) {
            @Override
            public CountryCode deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return (CountryCode) context.handleUnexpectedToken(CountryCode.class, parser);
                }
                return registry.parse(parser.getText());
            }
        });
        return module;
    }
}
