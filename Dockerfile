# syntax=docker/dockerfile:1
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src src
RUN ./mvnw -B -q -DskipTests package

# Java 21 at run time: the gateway uses virtual threads there (on 17 it uses platform threads)
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --no-create-home gateway
WORKDIR /app
COPY --from=build /src/target/seedance-gateway.jar gateway.jar
USER gateway
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# no curl in the JRE image: ask the liveness probe with bash's /dev/tcp
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/8080 && printf "GET /actuator/health/liveness HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && grep -q "\"UP\"" <&3'
ENTRYPOINT ["java", "-jar", "/app/gateway.jar"]
