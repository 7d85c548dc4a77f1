"""Starting configs for the playground, one per task family, written for labelwidget.

Each reads columns that ``samples.py`` knows how to fill, so a template opens on sample rows
without any data of the user's.
"""

from __future__ import annotations

TEMPLATES: dict[str, str] = {
    "classification": """\
<View>
  <Header value="How does this review feel?"/>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true">
    <Choice value="Positive" hotkey="1"/>
    <Choice value="Negative" hotkey="2"/>
    <Choice value="Neutral" hotkey="3"/>
  </Choices>
</View>
""",
    "ner": """\
<View>
  <Labels name="entities" toName="text">
    <Label value="Product" hotkey="p"/>
    <Label value="Feature" hotkey="f"/>
    <Label value="Brand" hotkey="b"/>
  </Labels>
  <Text name="text" value="$text"/>
</View>
""",
    "relations": """\
<View>
  <Labels name="entities" toName="text">
    <Label value="Product"/>
    <Label value="Feature"/>
  </Labels>
  <Relations>
    <Relation value="has"/>
    <Relation value="lacks"/>
  </Relations>
  <Text name="text" value="$text"/>
</View>
""",
    "boxes": """\
<View>
  <RectangleLabels name="boxes" toName="image">
    <Label value="Circle" background="#e6194b"/>
    <Label value="Square" background="#4363d8"/>
  </RectangleLabels>
  <Image name="image" value="$image"/>
</View>
""",
    "audio": """\
<View>
  <Labels name="segments" toName="audio">
    <Label value="Tone"/>
    <Label value="Silence"/>
  </Labels>
  <Audio name="audio" value="$audio"/>
  <TextArea name="transcript" toName="audio" placeholder="What do you hear?"/>
</View>
""",
    "dialogue": """\
<View>
  <ParagraphLabels name="acts" toName="dialogue">
    <Label value="Question"/>
    <Label value="Answer"/>
    <Label value="Complaint"/>
  </ParagraphLabels>
  <Paragraphs name="dialogue" value="$dialogue" layout="dialogue"/>
  <Choices name="resolved" toName="dialogue" choice="single" showInline="true">
    <Choice value="Resolved"/>
    <Choice value="Not resolved"/>
  </Choices>
</View>
""",
    "llm evaluation": """\
<View>
  <Header value="Prompt"/>
  <Text name="prompt" value="$prompt"/>
  <Header value="Model answer"/>
  <Text name="answer" value="$answer"/>
  <Rating name="quality" toName="answer" maxRating="5"/>
  <Choices name="issues" toName="answer" choice="multiple" showInline="true">
    <Choice value="Wrong"/>
    <Choice value="Unsafe"/>
    <Choice value="Off topic"/>
  </Choices>
  <TextArea name="better_answer" toName="answer" placeholder="A better answer"/>
</View>
""",
}

DEFAULT = "classification"
