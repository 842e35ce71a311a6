package org.diplomaticledger.presence.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ledger.expulsions.*}: how expulsions are read.
 *
 * @param reciprocityWindowDays how many days before an expulsion an opposite one may be to be inferred as the one it answers (0 or more;
 *                              computed at query time, no rebuild needed)
 */
@ConfigurationProperties("ledger.expulsions")
public record ExpulsionsProperties(@DefaultValue("30") int reciprocityWindowDays) {}
