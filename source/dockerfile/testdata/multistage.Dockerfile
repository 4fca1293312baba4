# syntax=docker/dockerfile:1.7
# A Go service built on a mirrored toolchain and shipped from scratch.
ARG REGISTRY=contoso.azurecr.io
ARG GO_VERSION=1.26
ARG DEBIAN_DIGEST

FROM --platform=$BUILDPLATFORM ${REGISTRY}/mirror/golang:${GO_VERSION} AS Build
ARG TARGETOS TARGETARCH
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/go/pkg/mod go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -o /out/api ./cmd/api

FROM build AS test
RUN go test ./...

FROM debian:bookworm-slim@${DEBIAN_DIGEST} AS debug
COPY --from=build /out/api /api

# aksguard:ignore AKS-IMG-04 scratch has no shell; the debug stage is never pushed
FROM scratch
COPY --from=build /out/api /api
USER 65532:65532
ENTRYPOINT ["/api"]
