<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>mlm::CatalogView</name>
    <message numerus="yes">
        <source>%n price(s) pasted</source>
        <translation>
            <numerusform>%n price pasted</numerusform>
            <numerusform>%n prices pasted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) read from %1.</source>
        <translation>
            <numerusform>%n price read from %1.</numerusform>
            <numerusform>%n prices read from %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::CustomersView</name>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::DashboardView</name>
    <message numerus="yes">
        <source>%Ln member(s) today.</source>
        <translation>
            <numerusform>%Ln member today.</numerusform>
            <numerusform>%Ln members today.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) below today.</source>
        <translation>
            <numerusform>%Ln member below today.</numerusform>
            <numerusform>%Ln members below today.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::MembersView</name>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n member</numerusform>
            <numerusform>%n members</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::NetworkView</name>
    <message numerus="yes">
        <source>%n found; showing the first</source>
        <translation>
            <numerusform>%n found; showing the first</numerusform>
            <numerusform>%n found; showing the first</numerusform>
        </translation>
    </message>
</context>
</TS>
