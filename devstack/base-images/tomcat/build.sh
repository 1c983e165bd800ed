#!/usr/bin/env bash
# CloudUnit — offline base image for the `tomcat` stack (stands in for tomcat:10.1-jre17 where no
# registry is reachable).
#   build.sh [--jre IMAGE] [image-name] [--force]
#     default image cloudunit/tomcat:10.1-jre17, FROM --jre (default cloudunit/jre:17, which
#     must exist: java/build.sh makes it)
# Apache Tomcat (CU_TOMCAT_VERSION, default 10.1.59) comes from Maven Central
# (org.apache.tomcat:tomcat:<version>:tar.gz, fetched once into devstack/target/downloads). The
# image keeps bin/bootstrap.jar, bin/tomcat-juli.jar, lib/ and conf/ with this directory's
# server.xml (one HTTP connector on $PORT, no shutdown port, no AJP) and logging.properties
# (console only); webapps/ is empty. A WAR copied to /usr/local/tomcat/webapps/ROOT.war is
# served at /. Runs as uid 10001, which can write only logs/, temp/, work/ and webapps/.
# Builds only when the image is missing unless --force.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
# shellcheck source-path=SCRIPTDIR source=../common.sh
source "$here/../common.sh"
image="cloudunit/tomcat:10.1-jre17"
jre="cloudunit/jre:17"
force=0
while (( $# )); do
  case "$1" in
    --force) force=1 ;;
    --jre) jre="${2:-}"; shift ;;
    --jre=*) jre="${1#--jre=}" ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) image="$1" ;;
  esac
  shift
done
version="${CU_TOMCAT_VERSION:-10.1.59}"

cu_base_require_docker
cu_base_present "$image" "$force" && exit 0
docker image inspect "$jre" >/dev/null 2>&1 || die "the JRE image $jre is missing: build it first (java/build.sh --jdk 17 $jre)"

tarball="$CU_BASE_DOWNLOADS/tomcat-$version.tar.gz"
if [[ ! -s "$tarball" ]]; then
  command -v mvn >/dev/null || die "Maven is needed to fetch Tomcat from Maven Central (apt-get install -y maven)"
  echo "  … fetching org.apache.tomcat:tomcat:$version:tar.gz from Maven Central"
  mkdir -p "$CU_BASE_DOWNLOADS"
  # from a directory without a pom.xml: in the project's root Maven would run it for every module
  (cd "$CU_BASE_DOWNLOADS" && mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.tomcat:tomcat:$version:tar.gz" -DoutputDirectory="$CU_BASE_DOWNLOADS") \
      >"$CU_BASE_DOWNLOADS/mvn-tomcat.log" 2>&1 \
    || { tail -n 20 "$CU_BASE_DOWNLOADS/mvn-tomcat.log" >&2; die "fetching Tomcat $version failed; check Maven Central is reachable"; }
fi

cu_base_workdir tomcat
tar -xzf "$tarball" -C "$work"
dist="$work/apache-tomcat-$version"
[[ -f "$dist/bin/bootstrap.jar" ]] || die "$tarball holds no apache-tomcat-$version/bin/bootstrap.jar"

home="$work/tomcat"
mkdir -p "$home/bin" "$home/conf/Catalina/localhost"
cp "$dist/bin/bootstrap.jar" "$dist/bin/tomcat-juli.jar" "$home/bin/"
cp -r "$dist/lib" "$home/lib"
cp "$dist/LICENSE" "$dist/NOTICE" "$dist/RELEASE-NOTES" "$home/"
# Tomcat's defaults (servlets, MIME types, session config) minus what this image does not use:
# no user database, no security manager policy, our own server.xml and logging.properties.
cp "$dist/conf/web.xml" "$dist/conf/context.xml" "$dist/conf/catalina.properties" \
   "$dist/conf/jaspic-providers.xml" "$home/conf/"
cp "$here/conf/server.xml" "$here/conf/logging.properties" "$home/conf/"
chmod -R u=rwX,go=rX "$home"
mkdir -p "$work/writable"/{logs,temp,work,webapps}
chmod 0750 "$work/writable"/*
rm -rf "$dist"

cp "$here/Dockerfile" "$work/Dockerfile"
cu_base_build "$image" "$work" --build-arg JRE_IMAGE="$jre" --build-arg TOMCAT_VERSION="$version"
echo "  ✔ $image: Apache Tomcat $version on $jre ($(cu_base_size "$image"))"
