# syntax=docker/dockerfile:1
#
# The aksguard image: one static binary FROM scratch, run as a non-root user.
# It serves `aksguard webhook` (deploy/helm/aksguard) and runs any other
# command, e.g. `docker run --rm -v "$PWD:/src" <image> scan /src`.
#
#   docker build --build-arg VERSION=v0.1.0 -t <registry>.azurecr.io/aksguard:v0.1.0 .
#
# GO_IMAGE is the build stage's base. Its output is only copied from, so it
# does not ship; point it at the copy in your registry if builds may not
# pull from Docker Hub.
ARG GO_IMAGE=golang:1.26.8

FROM ${GO_IMAGE} AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOTOOLCHAIN=local
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
RUN go build -trimpath -ldflags "-s -w -X github.com/aksguard/aksguard/internal/cli.Version=${VERSION}" \
      -o /out/aksguard ./cmd/aksguard

FROM scratch
# CA roots for `aksguard scan azure` (HTTPS to Azure Resource Manager).
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/aksguard /aksguard
# 65532 is the conventional "nonroot" user of distroless images; the chart
# runs the pod as it too, and scratch has no /etc/passwd to name it.
USER 65532:65532
ENTRYPOINT ["/aksguard"]
