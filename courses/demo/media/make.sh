#!/bin/sh
# Makes the demo's uploaded videos and their posters (committed beside this
# script, each under 1 MB, so that seed_demo needs no network and no ffmpeg).
# Run again only to change them: apt-get install ffmpeg espeak-ng, then
#   sh courses/demo/media/make.sh
# Each video is 320x180 at one frame a second: a coloured card with the title and
# a large minute counter (so that "from minute 20" can be checked by eye), and
# the title spoken once at the start. Frames change once a minute, so even a
# 90-minute recording stays small.
set -eu
cd "$(dirname "$0")"
FONT=../../fonts/DejaVuSans.ttf
BOLD=../../fonts/DejaVuSerif-Bold.ttf

make() {  # slug, minutes, colour, title line 1, title line 2
    slug=$1 minutes=$2 colour=$3
    printf '%s' "$4" > /tmp/demo-title1.txt
    printf '%s' "$5" > /tmp/demo-title2.txt
    espeak-ng -v en-gb -s 150 -w /tmp/demo-voice.wav "$4. $5. A demo recording."
    ffmpeg -y -loglevel error \
        -f lavfi -i "color=c=$colour:s=320x180:r=1:d=$((minutes * 60))" \
        -i /tmp/demo-voice.wav \
        -vf "drawtext=fontfile=$FONT:textfile=/tmp/demo-title1.txt:fontcolor=white:fontsize=15:x=(w-tw)/2:y=18,\
drawtext=fontfile=$FONT:textfile=/tmp/demo-title2.txt:fontcolor=white:fontsize=15:x=(w-tw)/2:y=38,\
drawtext=fontfile=$BOLD:text='Minute %{eif\:floor(t/60)\:d}':fontcolor=white:fontsize=40:x=(w-tw)/2:y=82,\
drawtext=fontfile=$FONT:text='of $minutes · demo video':fontcolor=white@0.85:fontsize=13:x=(w-tw)/2:y=140" \
        -c:v libx264 -preset veryslow -tune stillimage -pix_fmt yuv420p -crf 30 -g 60 -keyint_min 60 -sc_threshold 0 \
        -profile:v main -c:a aac -b:a 32k -ac 1 -ar 22050 \
        -movflags +faststart "$slug.mp4"
    # The poster: the title alone, larger, without the counter.
    ffmpeg -y -loglevel error -f lavfi -i "color=c=$colour:s=640x360:d=1" \
        -vf "drawtext=fontfile=$FONT:textfile=/tmp/demo-title1.txt:fontcolor=white:fontsize=34:x=(w-tw)/2:y=110,\
drawtext=fontfile=$FONT:textfile=/tmp/demo-title2.txt:fontcolor=white:fontsize=34:x=(w-tw)/2:y=160,\
drawtext=fontfile=$FONT:text='$minutes min · demo video':fontcolor=white@0.85:fontsize=22:x=(w-tw)/2:y=250" \
        -frames:v 1 -q:v 5 "$slug.jpg"
}

make alliance-ruptures 90 0x2f5d62 "Group coaching:" "Alliance ruptures"
make working-with-shame 90 0x5b3e75 "Group coaching:" "Working with shame"
make three-closing-questions 9 0x7a4b1f "Three questions for the" "end of every session"
rm -f /tmp/demo-title1.txt /tmp/demo-title2.txt /tmp/demo-voice.wav
