#!/bin/sh
# Regenerates the app icon (an original shield with a house) with ImageMagick.
set -e
cd "$(dirname "$0")"
convert -size 512x512 xc:none \
  -fill '#0b5394' -draw "roundrectangle 16,16 495,495 96,96" \
  -fill white -draw "path 'M 256,84 L 408,140 L 408,256 Q 408,372 256,436 Q 104,372 104,256 L 104,140 Z'" \
  -fill '#0b5394' -draw "polygon 256,176 336,244 316,244 316,332 196,332 196,244 176,244" \
  -fill white -draw "rectangle 240,280 272,332" \
  PNG32:icon.png
# Linux hicolor sizes (the .deb/.rpm install each PNG listed in tauri.conf.json), Windows
# and macOS sizes come from the same image.
for size in 16 24 32 48 64 256; do
  convert icon.png -resize ${size}x${size} PNG32:${size}x${size}.png
done
convert icon.png -resize 128x128 PNG32:128x128.png
convert icon.png -resize 256x256 PNG32:128x128@2x.png
convert icon.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
