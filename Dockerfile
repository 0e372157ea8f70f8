# syntax=docker/dockerfile:1
# The gateway's image: the jar's layers on a Java 25 JRE, with an AOT cache trained at build time, run by
# bin/gateway as README, "Production launch", documents (bench/launch.sh runs the same steps on a host).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package
COPY --chmod=755 bin/gateway bin/gateway
RUN bin/gateway extract target/seedance-gateway.jar /layers

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --no-create-home gateway
WORKDIR /app
# least to most often changed, so a change of the code rebuilds only the last layers
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --chmod=755 bin/gateway bin/gateway
COPY --from=build /layers/application/ ./
# The training run: the context up to its refresh, without a database, to write app.aot. It runs here, on the JRE
# that will use the cache and on the files it was made from: a cache made by any other JVM or for another class path
# would be refused at startup.
RUN bin/gateway train
USER gateway
EXPOSE 8080
# No curl in the JRE image: bash asks the liveness group over /dev/tcp, on the port the gateway listens on, and wants
# a 200 (DOWN is a 503). DeploymentHealthCheckIntegrationTests runs this command against a started gateway.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SERVER_PORT:-8080} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r status <&3 && [[ $status == 'HTTP/1.'[01]' 200 '* ]]"]
ENTRYPOINT ["/app/bin/gateway", "run"]
