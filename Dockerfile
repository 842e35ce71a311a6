# The ledger on a Java 17 runtime. Built from the sources, so `docker compose up --build` works on a fresh clone.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/diplomatic-ledger ledger \
    && mkdir -p /var/lib/diplomatic-ledger && chown ledger /var/lib/diplomatic-ledger
COPY --from=build /src/target/diplomatic-ledger.jar /opt/diplomatic-ledger/diplomatic-ledger.jar
USER ledger
ENV LEDGER_DATA_DIR=/var/lib/diplomatic-ledger \
    AXONIQ_UPDATE_CHECKER_DISABLED=true
VOLUME /var/lib/diplomatic-ledger
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/diplomatic-ledger/diplomatic-ledger.jar"]
